import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { PlaceNavigation } from '../../../../components/PlaceNavigation';
import { Screen } from '../../../../components/Screen';
import { stations } from '../../../../stores/resident/stations';
import { StationStatus, StationTags } from '../../components/StationFacts';
import './index.scss';

/** One 红色驿站: status, hours, address, what it offers, the way there (导航) and its phone. */
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
          <PlaceNavigation
            place={{
              name: station.name,
              address: station.address,
              lat: station.location.lat,
              lng: station.location.lng,
              phone: station.phone,
            }}
          />
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
