import { describe, expect, it } from 'vitest';
import { unwrap } from '../../protocol/result.ts';
import { createGatewayRig } from './testing/gatewayRig.ts';

describe('older issuance of a license', () => {
  it('[TM-2] refuses a file older than one seen for the same license, even after that one was deleted and the power cut', async () => {
    const { board, device: gateway, licenseFile, boot, untilRunning } = createGatewayRig();
    await boot();
    const older = licenseFile({ licenseId: 'LIC-A', issue: 1 });
    unwrap(gateway.page.add(licenseFile({ licenseId: 'LIC-A', issue: 2 })));
    unwrap(gateway.page.delete('LIC-A'));
    board.power.cut();
    board.power.restore();
    await untilRunning();
    const refused = gateway.page.add(older);
    expect(refused).toMatchObject({ ok: false, error: { code: 'LICENSE_SUPERSEDED' } });
    if (!refused.ok) expect(refused.error.message).toContain('issue 1, older than issue 2');
    expect(unwrap(gateway.page.list()).map((r) => r.licenseId)).toEqual([]);
    // A newer issuance, and another license's old one, still install.
    expect(gateway.page.add(licenseFile({ licenseId: 'LIC-A', issue: 3 })).ok).toBe(true);
    expect(gateway.page.add(licenseFile({ licenseId: 'LIC-B', issue: 1 })).ok).toBe(true);
  });

  it('[TM-2] reads a file without an issue counter as issue 0: it installs until a counted one was seen', async () => {
    const { device: gateway, licenseFile, boot } = createGatewayRig();
    await boot();
    unwrap(gateway.page.add(licenseFile({ licenseId: 'LIC-A' })));
    unwrap(gateway.page.delete('LIC-A'));
    unwrap(gateway.page.add(licenseFile({ licenseId: 'LIC-A', issue: 1 })));
    unwrap(gateway.page.delete('LIC-A'));
    expect(gateway.page.add(licenseFile({ licenseId: 'LIC-A' }))).toMatchObject({ ok: false, error: { code: 'LICENSE_SUPERSEDED' } });
  });
});
