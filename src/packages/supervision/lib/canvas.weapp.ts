import Taro from '@tarojs/taro';
import { init, setPlatformAPI, type EChartsType } from './echarts';
import type { MountedChart } from './canvas';

/** What WeChat's 2d canvas node offers (the part used). */
interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): CanvasRenderingContext2D;
}

/** A canvas touch as WeChat reports it: `x`, `y` relative to the canvas. */
interface CanvasTouch {
  x: number;
  y: number;
  offsetX?: number;
  offsetY?: number;
}
interface CanvasTouchEvent {
  touches: CanvasTouch[];
  changedTouches?: CanvasTouch[];
}

/**
 * The canvas node as zrender takes a canvas (echarts-for-weixin's `wx-canvas.js`): its size,
 * its 2d context, and no DOM events — the Chart component forwards the canvas's touches.
 */
class WxCanvas {
  private chart: EChartsType | null = null;

  constructor(
    private readonly node: CanvasNode,
    private readonly ctx: CanvasRenderingContext2D,
  ) {}

  getContext(kind: string): CanvasRenderingContext2D | null {
    return kind === '2d' ? this.ctx : null;
  }

  setChart(chart: EChartsType): void {
    this.chart = chart;
  }

  get width(): number {
    return this.node.width;
  }
  set width(w: number) {
    this.node.width = w;
  }
  get height(): number {
    return this.node.height;
  }
  set height(h: number) {
    this.node.height = h;
  }

  // zrender attaches no DOM listeners to a canvas it cannot find in a document.
  addEventListener(): void {}
  removeEventListener(): void {}
  attachEvent(): void {}
  detachEvent(): void {}

  /** A touch as zrender's mouse events (mousedown/mousemove, mouseup + click), and its gestures. */
  touch(kind: 'start' | 'move' | 'end', event: CanvasTouchEvent): void {
    const chart = this.chart;
    const touch = kind === 'end' ? (event.changedTouches ?? event.touches)[0] : event.touches[0];
    if (!chart || !touch) return;
    const handler = chart.getZr().handler;
    const at = {
      zrX: touch.x,
      zrY: touch.y,
      preventDefault: () => {},
      stopImmediatePropagation: () => {},
      stopPropagation: () => {},
    };
    const names = ({ start: ['mousedown', 'mousemove'], move: ['mousemove'], end: ['mouseup', 'click'] } as const)[
      kind
    ];
    for (const name of names) handler.dispatch(name, at);
    for (const t of event.touches) Object.assign(t, { offsetX: t.x, offsetY: t.y });
    handler.processGesture(event as never, ({ start: 'start', move: 'change', end: 'end' } as const)[kind]);
  }
}

/** The device pixel ratio (`getWindowInfo`, base library 2.20.1+; else `getSystemInfoSync`). */
function pixelRatio(): number {
  const info = Taro.getWindowInfo?.() ?? Taro.getSystemInfoSync();
  return info.pixelRatio || 1;
}

/** The canvas node and its laid-out size, from a query inside the page (`in(scope)`). */
function queryCanvas(id: string, scope: unknown): Promise<{ node: CanvasNode; width: number } | null> {
  return new Promise((resolve) => {
    const query = Taro.createSelectorQuery();
    (scope ? query.in(scope as never) : query)
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: CanvasNode; width?: number } | null>) => {
        const found = res?.[0];
        resolve(found?.node && found.width ? { node: found.node, width: found.width } : null);
      });
  });
}

/**
 * weapp: the `<canvas type="2d">` node from a selector query in the page, wrapped for zrender,
 * with ECharts measuring text on its context (Taro's `document` has no canvas to measure with).
 */
export async function mountChart(id: string, height: number, scope: unknown): Promise<MountedChart | null> {
  const found = await queryCanvas(id, scope);
  if (!found) return null;
  const ctx = found.node.getContext('2d');
  const canvas = new WxCanvas(found.node, ctx);
  setPlatformAPI({
    createCanvas: () => canvas as unknown as HTMLCanvasElement,
    measureText: (text: string, font?: string) => {
      ctx.font = font || '12px sans-serif';
      return ctx.measureText(text);
    },
  });
  const chart = init(canvas as unknown as HTMLCanvasElement, null, {
    width: found.width,
    height,
    devicePixelRatio: pixelRatio(),
  });
  canvas.setChart(chart);
  return {
    chart,
    touch: (kind, event) => canvas.touch(kind, event as CanvasTouchEvent),
    dispose: () => chart.dispose(),
  };
}
