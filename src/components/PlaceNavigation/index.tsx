import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CallButton } from '../CallButton';
import './index.scss';

export interface NavigablePlace {
  name: string;
  /** '' when the place has none (an activity published before places had addresses). */
  address: string;
  /** GCJ-02, as WeChat's map takes it. */
  lat: number;
  lng: number;
  phone: string | null;
}

function copyAddress(place: NavigablePlace): void {
  void Taro.setClipboardData({ data: [place.name, place.address].filter(Boolean).join(' ') }).then(
    () => void Taro.showToast({ title: '地址已复制', icon: 'success' }),
    () => void Taro.showToast({ title: '复制失败，请长按地址复制', icon: 'none' }),
  );
}

/**
 * The way to a place and its phone. weapp: 导航 opens WeChat's map at the place (openLocation),
 * which offers the route. h5 (no map here): the address to copy into a map app — people read an
 * address, never coordinates. The phone, where the directory has one, with 拨打.
 */
export function PlaceNavigation({ place }: { place: NavigablePlace }) {
  return (
    <View className="place-nav">
      {place.phone ? (
        <View className="place-nav__phone">
          <Text className="place-nav__label">联系电话</Text>
          <Text className="place-nav__number">{place.phone}</Text>
          <CallButton phone={place.phone} className="place-nav__call" />
        </View>
      ) : null}
      {process.env.TARO_ENV === 'weapp' ? (
        <Button
          className="place-nav__go"
          type="primary"
          size="large"
          block
          onClick={() =>
            void Taro.openLocation({
              latitude: place.lat,
              longitude: place.lng,
              name: place.name,
              address: place.address,
              scale: 17,
            })
          }
        >
          导航
        </Button>
      ) : (
        <>
          <Button className="place-nav__copy" size="large" block onClick={() => copyAddress(place)}>
            复制地址
          </Button>
          <Text className="place-nav__hint">在地图应用中粘贴地址，即可导航前往。</Text>
        </>
      )}
    </View>
  );
}
