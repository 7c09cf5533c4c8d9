import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../protocol/result.ts';
import { expectOutcome } from './outcome.ts';

/** `expectError` checks the code, and when given the message and the `where` of the failure. */
const refused = fail('LICENSE_BOUND_ELSEWHERE', 'license L1 is bound to hardware ID AA01, not BB02; move it to use it on another device', 'hardwareId');
const messageOf = (o: ReturnType<typeof expectOutcome>) => (o.ok ? 'passed' : o.error.message);

describe('expectOutcome', () => {
  it('[GW-2] passes on the expected code, message substring and where', () => {
    expect(expectOutcome(refused, 'LICENSE_BOUND_ELSEWHERE', 'binding')).toMatchObject({ ok: true });
    expect(expectOutcome(refused, { code: 'LICENSE_BOUND_ELSEWHERE', message: 'bound to hardware ID AA01', where: 'hardwareId' }, 'binding')).toMatchObject({ ok: true });
  });

  it('matches a message written as /pattern/flags as a regular expression', () => {
    expect(expectOutcome(refused, { code: 'LICENSE_BOUND_ELSEWHERE', message: '/hardware id [A-F0-9]+, not/i' }, 'binding').ok).toBe(true);
    expect(messageOf(expectOutcome(refused, { code: 'LICENSE_BOUND_ELSEWHERE', message: '/^bound/' }, 'binding')))
      .toBe('binding failed with LICENSE_BOUND_ELSEWHERE as expected, but its message "license L1 is bound to hardware ID AA01, not BB02; move it to use it on another device" does not match /^bound/');
  });

  it('fails when the message does not contain the text', () => {
    expect(messageOf(expectOutcome(refused, { code: 'LICENSE_BOUND_ELSEWHERE', message: 'expired' }, 'binding'))).toMatch(/as expected, but its message ".*" does not contain "expired"$/);
  });

  it('fails when the where differs or the error names none', () => {
    expect(messageOf(expectOutcome(refused, { code: 'LICENSE_BOUND_ELSEWHERE', where: 'licenseId' }, 'binding')))
      .toBe('binding failed with LICENSE_BOUND_ELSEWHERE as expected, but it names where "hardwareId", which does not contain "licenseId"');
    expect(messageOf(expectOutcome(fail('LICENSE_LIMIT', 'no seat left'), { code: 'LICENSE_LIMIT', where: 'count' }, 'adding')))
      .toBe('adding failed with LICENSE_LIMIT as expected, but it names no where');
  });

  it('names the whole expectation when the operation succeeds or fails with another code', () => {
    const want = { code: 'LICENSE_BOUND_ELSEWHERE', message: 'bound', where: '/^hardware/' };
    expect(messageOf(expectOutcome(ok(1), want, 'binding'))).toBe('binding succeeded, but it was expected to fail with LICENSE_BOUND_ELSEWHERE, message containing "bound", where matching /^hardware/');
    expect(messageOf(expectOutcome(fail('NOT_FOUND', 'no license L1'), want, 'binding'))).toMatch(/^binding failed with NOT_FOUND \(no license L1\), expected LICENSE_BOUND_ELSEWHERE, message/);
  });

  it('passes a success through when no error is expected', () => {
    expect(expectOutcome(ok(1), undefined, 'binding')).toEqual(ok(1));
  });
});
