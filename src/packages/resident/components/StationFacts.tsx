import { Text, View } from '@tarojs/components';
import type { StationView } from '../../../../contract';
import { formatDistance } from '../../../utils/distance';
import './StationFacts.scss';

/** Open now or not, hours, distance: the line a resident decides by. */
export function StationStatus({ station }: { station: StationView }) {
  return (
    <View className="station-facts__status">
      <Text className={`station-facts__open station-facts__open--${station.openNow ? 'yes' : 'no'}`}>
        {station.openNow ? '营业中' : '已打烊'}
      </Text>
      <Text className="station-facts__hours">开放时间 {station.openingHours}</Text>
      {station.distanceM !== null ? (
        <Text className="station-facts__distance">{formatDistance(station.distanceM)}</Text>
      ) : null}
    </View>
  );
}

/** Services (red) and amenities (grey) as tags. */
export function StationTags({ station }: { station: StationView }) {
  return (
    <View className="station-facts__tags">
      {station.services.map((s) => (
        <Text key={s} className="station-facts__tag station-facts__tag--service">
          {s}
        </Text>
      ))}
      {station.amenities.map((a) => (
        <Text key={a} className="station-facts__tag station-facts__tag--amenity">
          {a}
        </Text>
      ))}
    </View>
  );
}
