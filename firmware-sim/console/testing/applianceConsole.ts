import type { Board } from '../../../emulator/board/Board.ts';
import { createUartPair } from '../../../emulator/uart/createUartPair.ts';
import type { Appliance } from '../../shared/Appliance.ts';
import type { ConsoleCommands } from '../ConsoleCommands.ts';
import { createConsole } from '../createConsole.ts';
import { openMockTerminal, resetMockPorts, type MockTerminal } from './mockTerminal.ts';

/**
 * A family's serial console on its firmware, with a mock terminal (prompt `<deviceId>> `) at the
 * far end of the UART: what a family's console tests type into. `close()` closes the console and
 * the terminal and stops the firmware.
 */
export async function openApplianceConsole(options: {
  appliance: Appliance;
  board: Board;
  commands: ConsoleCommands;
}): Promise<{ term: MockTerminal; close(): Promise<void> }> {
  const { appliance, board } = options;
  resetMockPorts();
  const uart = createUartPair();
  const term = await openMockTerminal({ uart: uart.host, prompt: `${appliance.deviceId}> ` });
  const serial = createConsole({ uart: uart.board, appliance, commands: options.commands, clock: board.clock, reset: () => board.reset() });
  return {
    term,
    async close() {
      serial.close();
      await term.close();
      appliance.stop();
    },
  };
}
