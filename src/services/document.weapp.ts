import Taro from '@tarojs/taro';
import type { SupervisionExportView } from '../../contract/functions/supervision';
import { CloudError } from './CloudError';

export async function openWorkbook(file: Pick<SupervisionExportView, 'fileID' | 'url' | 'fileName'>): Promise<void> {
  try {
    const { tempFilePath } = await Taro.cloud.downloadFile({ fileID: file.fileID });
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
  } catch {
    throw new CloudError('INTERNAL', '文件打开失败，请稍后重试', null);
  }
}
