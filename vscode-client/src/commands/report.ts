// gomend.showReport: the server's Markdown report of everything found and every fact it rests on.
import { ServerCommand, type Report } from '../protocol';
import type { CommandFactory } from './index';
import { showMarkdown } from './markdown';

export const showReport: CommandFactory = (_ctx, gomend) => async () => {
  const report = await gomend.server.executeCommand<Report | null>(ServerCommand.report);
  await showMarkdown('Go workspace report', report?.markdown ?? '');
};
