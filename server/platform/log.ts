/** Structured log lines (one JSON object per line), always carrying the request id. */
export type LogFields = Record<string, unknown> & { requestId: string };

function write(level: 'info' | 'warn' | 'error', msg: string, fields: LogFields): void {
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...fields });
  if (level === 'error') console.error(line);
  else if (process.env.TXY_LOG_LEVEL !== 'silent') console.log(line);
}

export const log = {
  info: (msg: string, fields: LogFields) => write('info', msg, fields),
  warn: (msg: string, fields: LogFields) => write('warn', msg, fields),
  error: (msg: string, fields: LogFields) => write('error', msg, fields),
};
