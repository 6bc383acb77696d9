import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface OutboxMessage {
  id: number;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: string;
  sentAt: string;
}

/** Where `subscribeMessage.send` delivers locally: one JSON line per message, readable by tests and the dev endpoint. */
export class Outbox {
  constructor(private readonly file: string) {}

  add(msg: Omit<OutboxMessage, 'id'>): OutboxMessage {
    const entry = { id: this.all().length + 1, ...msg };
    appendFileSync(this.file, JSON.stringify(entry) + '\n');
    return entry;
  }

  all(filter: { touser?: string } = {}): OutboxMessage[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as OutboxMessage)
      .filter((m) => !filter.touser || m.touser === filter.touser);
  }

  clear(): void {
    writeFileSync(this.file, '');
  }
}
