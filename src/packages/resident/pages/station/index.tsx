import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import type { StationView } from '../../../../../contract';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Screen } from '../../../../components/Screen';
import { stations } from '../../../../stores/resident/stations';
import { StationStatus, StationTags } from '../../components/StationFacts';
import './index.scss';

/**
 * weapp: WeChat's map with the route button. h5 (no map here): the address to copy into a map
 * app — people read an address, never coordinates.
 */
function Navigate({ station }: { station: StationView }) {
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Button
        className="station__navigate"
        type="primary"
        size="large"
        block
        onClick={() =>
          void Taro.openLocation({
            latitude: station.location.lat,
            longitude: station.location.lng,
            name: station.name,
            address: station.address,
            scale: 17,
          })
        }
      >
        导航前往
      </Button>
    );
  }
  return (
    <View className="station__where">
      <Button
        className="station__copy"
        size="large"
        block
        onClick={() =>
          void Taro.setClipboardData({ data: `${station.name} ${station.address}` }).then(
            () => void Taro.showToast({ title: '地址已复制', icon: 'success' }),
            () => void Taro.showToast({ title: '复制失败，请长按地址复制', icon: 'none' }),
          )
        }
      >
        复制地址
      </Button>
      <Text className="station__hint">在地图应用中粘贴地址，即可导航前往。</Text>
    </View>
  );
}

/** One 红色驿站: status, hours, address, what it offers, and the way there. */
const StationPage = observer(() => {
  const id = useRouter().params.id ?? '';
  useEffect(() => stations.ensure(), []);
  const station = stations.byId(id);
  return (
    <Screen>
      {station ? (
        <View className="station">
          <Text className="station__name">{station.name}</Text>
          <StationStatus station={station} />
          <View className="station__section">
            <Text className="station__label">地址</Text>
            <Text className="station__address">{station.address}</Text>
            <Text className="station__community">所属社区：{station.communityName}</Text>
          </View>
          <View className="station__section">
            <Text className="station__label">服务与便民设施</Text>
            <StationTags station={station} />
          </View>
          <Navigate station={station} />
        </View>
      ) : stations.error ? (
        <ErrorNotice error={stations.error} onRetry={() => void stations.load(false)} />
      ) : stations.loading ? (
        <Loading />
      ) : (
        <EmptyState title="未找到该驿站" description="驿站可能已调整，请返回列表查看" />
      )}
    </Screen>
  );
});

export default StationPage;
