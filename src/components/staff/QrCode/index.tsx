import { View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';
import './index.scss';

/** A QR code's modules: `true` is dark, row by row (error correction M, smallest version that fits). */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const count = qr.getModuleCount();
  return Array.from({ length: count }, (_, r) => Array.from({ length: count }, (_, c) => qr.isDark(r, c)));
}

/** A row as runs of equal modules: `[dark ×3, light ×1, …]`. */
export function runsOf(row: readonly boolean[]): Array<{ dark: boolean; n: number }> {
  const runs: Array<{ dark: boolean; n: number }> = [];
  for (const dark of row) {
    const last = runs[runs.length - 1];
    if (last && last.dark === dark) last.n++;
    else runs.push({ dark, n: 1 });
  }
  return runs;
}

/** White modules around the code, as the standard asks, so scanners find its edges. */
const QUIET_ZONE = 4;

/**
 * A QR code drawn with Views (no canvas: the same in weapp and h5, and readable in tests): one
 * View per row, one per run of equal modules in it, `n` modules wide in whole pixels.
 */
export function QrCode({ text, size = 264 }: { text: string; size?: number }) {
  const matrix = useMemo(() => qrMatrix(text), [text]);
  const count = matrix.length;
  const cell = Math.max(2, Math.floor(size / (count + 2 * QUIET_ZONE)));
  const px = (n: number) => `${n}px`;
  return (
    <View className="staff-qr" style={{ padding: px(cell * QUIET_ZONE) }}>
      {matrix.map((row, r) => (
        <View key={r} className="staff-qr__row" style={{ width: px(cell * count), height: px(cell) }}>
          {runsOf(row).map((run, i) => (
            <View
              key={i}
              className={run.dark ? 'staff-qr__run staff-qr__run--dark' : 'staff-qr__run'}
              style={{ width: px(cell * run.n) }}
            />
          ))}
        </View>
      ))}
    </View>
  );
}
