import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { CommunityPicker } from '../../../components/CommunityPicker';
import { thisYear } from '../../../stores/cobuild/side';
import { directory } from '../../../stores/directory';
import type { CommunityScoped } from './scope';

interface CountyScopeProps {
  store: CommunityScoped & { year: number | null };
  /** The page offers the county admin's community picker (see `useCommunityScope`). */
  picks: boolean;
  /** The list, as the lines say it: 需求清单, 共建协议 … */
  what: string;
}

/**
 * The county admin's community on a list page: its name and year (the overview's row opened it;
 * the lists are read-only there), or the picker when the page was opened without one.
 */
export const CountyScope = observer(({ store, picks, what }: CountyScopeProps) => {
  const { communityId } = store;
  const year = store.year ?? thisYear();
  if (picks)
    return (
      <View className="cobuild__bar cobuild__scope">
        <Text className="cobuild__muted">
          {communityId ? `${year} 年${what}，仅供查看` : `选择社区，查看其${what}`}
        </Text>
        <CommunityPicker
          name="cobuild-community"
          placeholder="选择社区"
          value={communityId ?? ''}
          onChange={(id) => store.open(id, store.year ?? undefined)}
        />
      </View>
    );
  if (!communityId) return null;
  const name = directory.communityName(communityId);
  return (
    <View className="cobuild__bar cobuild__scope">
      {name || !directory.communities.error ? (
        <Text className="cobuild__heading">{name ?? '正在读取社区名称…'}</Text>
      ) : null}
      <Text className="cobuild__muted">
        {year} 年{what}，仅供查看
      </Text>
    </View>
  );
});
