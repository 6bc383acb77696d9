import type { SupervisionExportView } from '../../contract/functions/supervision';
import { CloudError } from './CloudError';

export async function openWorkbook(file: Pick<SupervisionExportView, 'fileID' | 'url' | 'fileName'>): Promise<void> {
  if (!file.url) throw new CloudError('INTERNAL', '下载链接生成失败，请稍后重试', null);
  const a = document.createElement('a');
  a.href = file.url;
  a.download = file.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
