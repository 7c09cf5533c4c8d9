import { describe, expect, it } from 'vitest';
import { unwrap } from '../../protocol/result.ts';
import type { MachineGraph } from '../shared/machineInspection.ts';
import { createVideoRig } from './testing/videoRig.ts';

const ids = (node: MachineGraph): string[] => [node.id, ...node.states.flatMap(ids)];

describe('the video product\'s machine view', () => {
  it('[CL-3] draws manual and automatic refresh with their guarded eventless transitions, and shows the switch', async () => {
    const rig = createVideoRig();
    await rig.boot();
    const { definition, current } = rig.device.machine!();
    expect(ids(definition)).toEqual(['video', 'video.off', 'video.booting', 'video.running', 'video.running.manual', 'video.running.automatic']);
    expect(current).toEqual(['video.running', 'video.running.manual']);
    const [manual, automatic] = definition.states[2]!.states;
    expect(manual!.transitions).toEqual([{ event: 'always', targets: ['video.running.automatic'], guard: 'autoRefreshOn', actions: [] }]);
    expect(automatic!.transitions.map((t) => [t.event, t.guard])).toEqual([
      ['UPDATED', undefined], ['after:refreshInterval', undefined], ['always', 'not(autoRefreshOn)'],
    ]);

    unwrap(rig.device.licenses.configure({ mode: 'standard', autoRefresh: true, accessToken: 'clt_secret' }));
    const view = rig.device.machine!();
    expect(view.current).toEqual(['video.running', 'video.running.automatic']);
    expect(view.transitions.at(-1)).toMatchObject({ event: 'always', from: 'running.manual', to: 'running.automatic' });
  });
});
