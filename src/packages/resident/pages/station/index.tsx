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
import { stations } from '../../../../stores/stations';
import { StationStatus, StationTags } from '../../components/StationFacts';
import './index.scss';

/** weapp: WeChat's map with the route button; h5 (no map here): the address and the coordinates. */
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
      <Text className="station__label">位置坐标（GCJ-02）</Text>
      <Text className="station__coords">
        北纬 {station.location.lat.toFixed(6)}，东经 {station.location.lng.toFixed(6)}
      </Text>
      <Text className="station__hint">可在地图应用中搜索上面的地址或坐标前往。</Text>
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
