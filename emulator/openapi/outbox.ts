import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface OutboxMessage {
  id: number;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: string;
  sentAt: string;
  /** `delivered`: WeChat would show it; `refused`: `send` answered an error and nothing reached the user. */
  status: 'delivered' | 'refused';
  /** The errcode `send` answered (0 when delivered) and why. */
  errcode: number;
  reason?: string;
}

/**
 * Every `subscribeMessage.send` the functions made, delivered or refused (with the errcode and
 * reason), one JSON line each: what `GET /dev/outbox` and the tests read.
 */
export class Outbox {
  constructor(private readonly file: string) {}

  add(msg: Omit<OutboxMessage, 'id'>): OutboxMessage {
    const entry = { id: this.all().length + 1, ...msg };
    appendFileSync(this.file, JSON.stringify(entry) + '\n');
    return entry;
  }

  all(filter: { touser?: string; status?: OutboxMessage['status'] } = {}): OutboxMessage[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as OutboxMessage)
      .filter((m) => !filter.touser || m.touser === filter.touser)
      .filter((m) => !filter.status || m.status === filter.status);
  }

  clear(): void {
    writeFileSync(this.file, '');
  }
}
