import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import './index.scss';

interface Photo {
  fileId: string;
  url: string | null;
}

/** Photos of a wish or of its fulfilment; a tap opens them full screen. */
export function PhotoGrid({ photos, name }: { photos: readonly Photo[]; name: string }) {
  const urls = photos.flatMap((p) => (p.url ? [p.url] : []));
  return (
    <View className={`wish-photo-grid wish-photo-grid--${name}`}>
      {photos.map((p) =>
        p.url ? (
          <Image
            key={p.fileId}
            className="wish-photo-grid__photo"
            src={p.url}
            mode="aspectFill"
            onClick={() => void Taro.previewImage({ current: p.url!, urls })}
          />
        ) : (
          <View key={p.fileId} className="wish-photo-grid__photo wish-photo-grid__photo--missing">
            <Text>图片暂不可用</Text>
          </View>
        ),
      )}
    </View>
  );
}
