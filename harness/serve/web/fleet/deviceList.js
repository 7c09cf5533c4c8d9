/* global document */
// The accessible twin of a family's canvas: a visually hidden list with one link per device,
// named by its state in words, so screen readers and browser tests find a device by name.

import { describeDevice, tileState } from '../common/applianceStates.js';

export function createDeviceList({ list }) {
  const items = new Map();

  const fill = (item, device) => {
    item.dataset.state = tileState(device);
    item.firstChild.textContent = describeDevice(device);
  };

  return {
    setDevices(devices) {
      items.clear();
      const fragment = document.createDocumentFragment();
      for (const device of devices) {
        const item = document.createElement('li');
        item.dataset.deviceId = device.deviceId;
        const link = document.createElement('a');
        link.href = `/devices/${encodeURIComponent(device.deviceId)}/`;
        item.append(link);
        fill(item, device);
        items.set(device.deviceId, item);
        fragment.append(item);
      }
      list.replaceChildren(fragment);
    },
    update(device) {
      const item = items.get(device.deviceId);
      if (item) fill(item, device);
    },
  };
}
