import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { PlaceOption } from '../../../contract';
import type { CloudError } from '../../services/CloudError';
import { ErrorNotice } from '../ErrorNotice';
import { Choices } from '../staff/Choices';
import './index.scss';

const KIND_LABELS: Record<PlaceOption['kind'], string> = {
  station: '红色驿站',
  community: '社区党群服务中心',
  microGrid: '小区、楼栋',
};
const KINDS = Object.keys(KIND_LABELS) as Array<PlaceOption['kind']>;

export interface PlacePickerProps {
  /** The place chosen, as people read it: its name and address, never coordinates. */
  chosen: { name: string; address: string } | null;
  /** Where the place came from, said under it. */
  hint: string;
  /** weapp: why the map could not be opened (permission refused …). */
  problem: string | null;
  /** weapp: opens WeChat's map picker (chooseLocation). */
  onMap(): void;
  /** h5: the community's places (no map tiles are reachable offline), listed while `open`. */
  open: boolean;
  places: PlaceOption[] | null;
  loading: boolean;
  error: CloudError | null;
  onToggle(): void;
  onRetry(): void;
  onPick(place: PlaceOption): void;
}

/**
 * Where something happens: in weapp WeChat's map (chooseLocation); in h5 a list of the
 * community's places from the directory (Red Stations, its centre, its buildings) by name and
 * address. Each option is `place-picker__option--<id>`.
 */
export function PlacePicker(props: PlacePickerProps) {
  const { chosen, hint, problem, open } = props;
  const isWeapp = process.env.TARO_ENV === 'weapp';
  return (
    <View className="place-picker">
      <View className="place-picker__chosen">
        <Text className="place-picker__name">{chosen?.name || '尚未选择地点'}</Text>
        {chosen?.address ? <Text className="place-picker__address">{chosen.address}</Text> : null}
        <Text className="place-picker__hint">{hint}</Text>
      </View>
      {isWeapp ? (
        <Button className="place-picker__map" block onClick={props.onMap}>
          在地图上选择地点
        </Button>
      ) : (
        <Button className="place-picker__toggle" block onClick={props.onToggle}>
          {open ? '收起' : '从本社区的地点中选择'}
        </Button>
      )}
      {problem ? <Text className="place-picker__problem">{problem}</Text> : null}
      {!isWeapp && open ? <PlaceList {...props} /> : null}
    </View>
  );
}

function PlaceList({ places, loading, error, onRetry, onPick, chosen }: PlacePickerProps) {
  if (error) return <ErrorNotice error={error} onRetry={onRetry} />;
  if (loading || !places) return <Text className="place-picker__none">正在读取本社区的地点…</Text>;
  if (places.length === 0) return <Text className="place-picker__none">名录中本社区还没有地点</Text>;
  return (
    <View className="place-picker__list">
      {KINDS.map((kind) => {
        const ofKind = places.filter((p) => p.kind === kind);
        if (ofKind.length === 0) return null;
        return (
          <View key={kind} className={`place-picker__group place-picker__group--${kind}`}>
            <Text className="place-picker__group-title">{KIND_LABELS[kind]}</Text>
            {ofKind.map((p) => (
              <View
                key={p.id}
                className={`place-picker__option place-picker__option--${p.id}${chosen?.name === p.name ? ' place-picker__option--chosen' : ''}`}
                onClick={() => onPick(p)}
              >
                <Text className="place-picker__option-name">{p.name}</Text>
                <Text className="place-picker__option-address">{p.address}</Text>
              </View>
            ))}
          </View>
        );
      })}
    </View>
  );
}

/** The check-in radius as chips (metres); a value typed elsewhere shows no chip on. */
export function RadiusChoice(props: { choices: readonly number[]; value: string; onChoose(metres: number): void }) {
  const { choices, value, onChoose } = props;
  return (
    <Choices
      name="radius"
      options={choices.map((m) => ({ value: String(m), label: m >= 1000 ? `${m / 1000} 公里` : `${m} 米` }))}
      selected={value.trim()}
      onPick={(v) => onChoose(Number(v))}
    />
  );
}
