import { Image, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { PhotoSet } from '../../../stores/photos';
import './index.scss';

/** h5: the files chosen in the browser's file input, as photos to upload. */
function addFiles(set: PhotoSet, input: HTMLInputElement): void {
  const files = Array.from(input.files ?? []);
  set.add(files.map((file) => ({ path: URL.createObjectURL(file), name: file.name })));
  // The same file may be chosen again after removing it.
  input.value = '';
}

/**
 * Photos of a form: previews at once, each uploading in the background (上传中 / 上传失败 with
 * 重试), a × to remove, and an add tile while there is room — weapp opens WeChat's chooser; h5
 * is a real `<input type="file">` over the tile (`.wish-photos__file`).
 */
export const PhotoPicker = observer(({ set, name }: { set: PhotoSet; name: string }) => (
  <View className={`wish-photos wish-photos--${name}`}>
    {set.items.map((item) => (
      <View key={item.key} className={`wish-photos__item wish-photos__item--${item.state}`}>
        <Image className="wish-photos__preview" src={item.preview} mode="aspectFill" />
        {item.state === 'uploading' ? <Text className="wish-photos__state">上传中…</Text> : null}
        {item.state === 'failed' ? (
          <Text className="wish-photos__state wish-photos__state--failed" onClick={() => set.retry(item.key)}>
            上传失败{'\n'}点此重试
          </Text>
        ) : null}
        <View className="wish-photos__remove" onClick={() => set.remove(item.key)}>
          <Text>×</Text>
        </View>
      </View>
    ))}
    {set.room > 0 ? (
      <View className="wish-photos__add" onClick={process.env.TARO_ENV === 'h5' ? undefined : () => void set.choose()}>
        <Text className="wish-photos__plus">＋</Text>
        <Text className="wish-photos__add-text">添加照片</Text>
        {process.env.TARO_ENV === 'h5' ? (
          <input
            className="wish-photos__file"
            type="file"
            accept="image/*"
            multiple={set.max - set.items.length > 1}
            onChange={(e) => addFiles(set, e.currentTarget)}
          />
        ) : null}
      </View>
    ) : null}
    <Text className="wish-photos__count">
      {set.items.length}/{set.max}
    </Text>
    {set.chooseError ? <Text className="wish-photos__error">{set.chooseError.message}</Text> : null}
    {set.failed[0]?.error ? <Text className="wish-photos__error">{set.failed[0].error.message}</Text> : null}
  </View>
));
