import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useEffect, useRef } from 'react';
import type { PublicProjectView } from '../../../../../contract';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Prompt } from '../../../../components/Prompt';
import { Screen } from '../../../../components/Screen';
import { ListState } from '../../../../components/staff/ListState';
import { LoadMore } from '../../../../components/staff/LoadMore';
import { Segmented } from '../../../../components/staff/Segmented';
import { PhotoGrid } from '../../../../components/wish/PhotoGrid';
import { ROUTES } from '../../../../routes';
import { publicProjects as store } from '../../../../stores/cobuild/publicProjects';
import { session } from '../../../../stores/session';
import '../../lib/cobuild.scss';

const TABS = [
  { key: 'ongoing' as const, label: '进行中' },
  { key: 'done' as const, label: '已完成' },
];

function ProjectCard({ project: p }: { project: PublicProjectView }) {
  return (
    <View
      className="cobuild__card"
      id={`public-project-${p.id}`}
      onClick={() => void Taro.navigateTo({ url: `${ROUTES.cobuildPublicProject}?id=${encodeURIComponent(p.id)}` })}
    >
      <View className="cobuild__head">
        <Text className={`cobuild__status cobuild__status--${p.status}`}>
          {p.status === 'done' ? '已完成' : '进行中'}
        </Text>
        <Text className="cobuild__muted">{p.year} 年</Text>
      </View>
      <Text className="cobuild__title">{p.title}</Text>
      <Text className="cobuild__line">共建单位：{p.units.map((u) => u.name).join('、')}</Text>
      {p.result ? (
        <Text className="cobuild__line">成效：{p.result.note}</Text>
      ) : (
        <Text className="cobuild__line">{p.goal}</Text>
      )}
      {p.photos.length > 0 ? <PhotoGrid photos={p.photos.slice(0, 3)} name="public" /> : null}
      {p.status === 'done' ? (
        <Text className="cobuild__line">
          {p.rating.count > 0
            ? `居民评价 ${p.rating.average?.toFixed(1)} 星（${p.rating.count} 人）`
            : '还没有居民评价'}
          {p.myRating ? ` · 我评了 ${p.myRating} 星` : ''}
        </Text>
      ) : null}
      <Text className="cobuild__link">{p.can.includes('rate') ? '查看并评价 ›' : '查看详情 ›'}</Text>
    </View>
  );
}

/** 共建项目 of the resident's community: what the community and its paired units did together. */
const PublicProjects = observer(() => {
  const { me } = session;
  const hasAddress = Boolean(me?.address);
  // Once the session says where the user lives (the community is the address's), and on coming back.
  useEffect(() => {
    if (hasAddress) store.refresh();
  }, [hasAddress]);
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current && session.me?.address) store.refresh();
    shownOnce.current = true;
  });
  if (!me)
    return (
      <Screen>{session.error ? <ErrorNotice error={session.error} onRetry={session.load} /> : <Loading />}</Screen>
    );
  if (!hasAddress)
    return (
      <Screen>
        <Prompt
          name="no-address"
          title="还没有填写住址"
          description="填写您居住的社区和楼栋后，这里会显示本社区与共建单位一起办的实事。"
          action="去填写住址"
          onAction={() => void Taro.navigateTo({ url: ROUTES.profile })}
        />
      </Screen>
    );
  const list = store.current;
  return (
    <Screen>
      <View className="cobuild__bar">
        <Text className="cobuild__intro">社区和结对共建单位一起为居民办的实事。完成的项目，您可以评价。</Text>
      </View>
      <Segmented options={TABS} value={store.tab} onChange={store.show} />
      <View className="cobuild">
        {store.tab === 'ongoing' && list.value?.length === 0 && !list.error ? (
          // Nothing in progress now: what was done already is one tap away.
          <Prompt
            name="no-ongoing"
            title="暂无进行中的共建项目"
            description="社区与共建单位开展新项目后会显示在这里。已经办完的实事，可以在“已完成”里查看和评价。"
            action="查看已完成的项目"
            onAction={() => store.show('done')}
          />
        ) : (
          <ListState
            source={list}
            emptyTitle={store.tab === 'done' ? '暂无已完成的共建项目' : '暂无进行中的共建项目'}
            emptyDescription="社区与共建单位开展项目后会显示在这里"
          >
            {(items) => items.map((p) => <ProjectCard key={p.id} project={p} />)}
          </ListState>
        )}
        <LoadMore list={list} name="public-projects" />
      </View>
    </Screen>
  );
});

export default PublicProjects;
