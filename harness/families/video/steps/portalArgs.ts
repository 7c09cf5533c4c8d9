import { z } from 'zod';
import { name } from '../../../scenario/fields.ts';

/** The portal account a step acts in; `default` unless given. */
export const account = name.default('default').describe("The customer account. Default 'default'.");

/** 1-based position of a character to mistype in the request code as copied. */
export const typo = z.number().int().min(1).optional().describe('Mistype the request code at this character (1-based, dashes counted): the portal must refuse it naming the position.');

/** The code with character `at` (1-based, dashes counted as typed) replaced by another valid one. */
export function mistype(code: string, at: number): string {
  const i = Math.min(at, code.length) - 1;
  const swap = code[i] === '7' ? '8' : '7';
  return `${code.slice(0, i)}${swap}${code.slice(i + 1)}`;
}
