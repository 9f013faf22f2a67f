/**
 * The answer to the latest `/roadmap` command, kept in a hidden line of the
 * bot's comment beside the visible reply, so the next run renders the same
 * comment and writes nothing until something changes.
 */
import { hiddenData, readHiddenData } from './hidden-data.js';

const REPLY = 'reply';

export function replyData(reply: string): string {
  return hiddenData(REPLY, reply);
}

export function readReply(body: string | undefined): string | undefined {
  const parsed = readHiddenData(body, REPLY);
  return typeof parsed === 'string' && parsed !== '' ? parsed : undefined;
}
