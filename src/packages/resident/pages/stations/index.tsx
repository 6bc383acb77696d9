import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import type { StationView } from '../../../../../contract';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { PrivacyPopup } from '../../../../components/PrivacyPopup';
import { Screen } from '../../../../components/Screen';
import { ROUTES } from '../../../../routes';
import { session } from '../../../../stores/session';
import { stations } from '../../../../stores/resident/stations';
import { StationStatus, StationTags } from '../../components/StationFacts';
import './index.scss';

const open = (station: StationView) => () => void Taro.navigateTo({ url: `${ROUTES.station}?id=${station.id}` });

/** How the list is ordered, and the way to distance order when it is not. */
const LocationNote = observer(() => {
  if (stations.located === 'near') return <Text className="stations__note">按距离由近到远排列</Text>;
  if (stations.located === 'noConsent') {
    return (
      <View className="stations__note stations__note--action">
        <Text>同意《用户隐私保护指引》后，可按离您的距离排列。</Text>
        <Button className="stations__consent" size="small" type="primary" onClick={session.reopenPrivacy}>
          去同意
        </Button>
      </View>
    );
  }
  if (stations.located === 'refused') {
    return (
      <View className="stations__note stations__note--action">
        <Text>未能获取您的位置，暂按驿站编号排列。</Text>
        <Button className="stations__relocate" size="small" type="primary" onClick={() => void stations.load(true)}>
          重新定位
        </Button>
      </View>
    );
  }
  return null;
});

const StationList = observer(() => {
  if (stations.error) {
    return <ErrorNotice error={stations.error} onRetry={() => void stations.load(session.privacyAccepted)} />;
  }
  if (stations.loading) return <Loading text={session.privacyAccepted ? '正在定位并查找附近的驿站…' : undefined} />;
  if (stations.located === null) return <Loading />;
  if (stations.list.length === 0) return <EmptyState title="暂无红色驿站" description="驿站开放后会显示在这里" />;
  return (
    <View className="stations">
      <LocationNote />
      {stations.list.map((s) => (
        <View key={s.id} className={`station-item station-item--${s.id}`} onClick={open(s)}>
          <Text className="station-item__name">{s.name}</Text>
          <StationStatus station={s} />
          <Text className="station-item__address">{s.address}</Text>
          <StationTags station={s} />
        </View>
      ))}
    </View>
  );
});

/** 红色驿站: nearest first when the resident allows location (only after the privacy guide is accepted). */
const StationsPage = observer(() => {
  const ready = session.me !== null || session.error !== null;
  const consent = session.privacyAccepted;
  useEffect(() => {
    if (ready) void stations.load(consent);
  }, [ready, consent]);
  return (
    <Screen>
      <StationList />
      <PrivacyPopup />
    </Screen>
  );
});

export default StationsPage;
