/*
 * Opening an exported workbook, one implementation per platform (Taro picks document.weapp.ts or
 * document.h5.ts at build time): weapp downloads it from cloud storage and opens it in WeChat's
 * viewer (`wx.openDocument`, with 转发/保存 in its menu); h5 hands the link to the browser as a
 * download. This file only declares what both export.
 */
import type { SupervisionExportView } from '../../contract/functions/supervision';

/** Opens (weapp) or downloads (h5) the workbook; rejects with a CloudError when it cannot. */
export function openWorkbook(file: Pick<SupervisionExportView, 'fileID' | 'url' | 'fileName'>): Promise<void>;
