import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect, useRef } from 'react';
import type { CobuildCommunityRow } from '../../../../../contract';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Screen, usePageTitle } from '../../../../components/Screen';
import { Segmented } from '../../../../components/staff/Segmented';
import { ROUTES } from '../../../../routes';
import { cobuildHub as store } from '../../../../stores/cobuild/hub';
import { cobuildSide, thisYear } from '../../../../stores/cobuild/side';
import { session } from '../../../../stores/session';
import '../../lib/cobuild.scss';

const go = (url: string) => () => void Taro.navigateTo({ url });

function Tile({ name, title, hint, url }: { name: string; title: string; hint: string; url: string }) {
  return (
    <View className={`cobuild__tile cobuild__tile--${name}`} onClick={go(url)}>
      <View className="cobuild__tile-text">
        <Text className="cobuild__tile-title">{title}</Text>
        <Text className="cobuild__muted">{hint}</Text>
      </View>
      <Text className="cobuild__arrow">›</Text>
    </View>
  );
}

/** The year's lists of the secretary's community or the unit admin's unit, each with its counts. */
const Lists = observer(() => {
  const c = store.counts.value;
  const unit = cobuildSide.unitAdmin !== null && cobuildSide.secretary === null;
  const hint = (text: string) => (c ? text : store.counts.error ? '数量读取失败' : '正在读取…');
  return (
    <View className="cobuild__tiles">
      {store.counts.error ? <ErrorNotice error={store.counts.error} onRetry={store.counts.load} /> : null}
      <Tile
        name="needs"
        title="需求清单"
        hint={
          unit
            ? '结对社区列出的需求，可对接本单位资源'
            : hint(c && c.needsAll !== null ? `待对接 ${c.needsOpen} 项 · 共 ${c.needsAll} 项` : '')
        }
        url={ROUTES.cobuildNeeds}
      />
      <Tile
        name="resources"
        title={unit ? '本单位资源清单' : '资源清单'}
        hint={hint(c ? `可提供 ${c.resourcesOffered} 项 · 共 ${c.resourcesAll} 项` : '')}
        url={ROUTES.cobuildResources}
      />
      <Tile
        name="projects"
        title="共建项目"
        hint={hint(c ? `进行中 ${c.projectsActive} 个 · 共 ${c.projectsAll} 个` : '')}
        url={ROUTES.cobuildProjects}
      />
      <Tile
        name="agreements"
        title="共建协议"
        hint={hint(
          c
            ? `已签署 ${c.agreementsSigned} 份${c.agreementsToSign > 0 ? ` · 待我方签署 ${c.agreementsToSign} 份` : ''}`
            : '',
        )}
        url={ROUTES.cobuildAgreements}
      />
      <Tile
        name="rota"
        title="轮值主席"
        hint={unit ? '本单位轮值的月份、主题和活动' : '全年各月轮值的共建单位'}
        url={ROUTES.cobuildRota}
      />
      <Tile name="meetings" title="联席会议" hint="每季度至少一次：议题、纪要、议定事项" url={ROUTES.cobuildMeetings} />
      <Tile
        name="decisions"
        title="议定事项"
        hint={unit ? '本单位负责的会议决定，报告进展' : '联席会议的决定：谁负责、何时完成'}
        url={ROUTES.cobuildDecisions}
      />
    </View>
  );
});

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

const QUARTERS = ['一', '二', '三', '四'];

/** Quarters of `year` that have ended (their joint meetings can no longer be held). */
function endedQuarters(year: number, now = Date.now()): number {
  const current = thisYear(now);
  if (year < current) return 4;
  if (year > current) return 0;
  return Math.floor(new Date(now + 8 * 3600_000).getUTCMonth() / 3);
}

/**
 * The pages a community's overview row opens, read-only: its lists of the year shown; its rota and
 * joint meetings (the rota's own years are this one and the next, the meetings its history).
 */
const COMMUNITY_LISTS = [
  { key: 'needs', title: '需求清单', url: ROUTES.cobuildNeeds, ofYear: true },
  { key: 'resources', title: '资源清单', url: ROUTES.cobuildResources, ofYear: true },
  { key: 'projects', title: '共建项目', url: ROUTES.cobuildProjects, ofYear: true },
  { key: 'agreements', title: '共建协议', url: ROUTES.cobuildAgreements, ofYear: true },
  { key: 'rota', title: '轮值主席', url: ROUTES.cobuildRota, ofYear: false },
  { key: 'meetings', title: '联席会议', url: ROUTES.cobuildMeetings, ofYear: false },
] as const;

/**
 * One community's year in counts, as lines (readable in large mode, unlike a wide table); a
 * community's row (`communityId`) opens its lists of that year.
 */
function OverviewRow({
  row,
  name,
  year,
  communityId,
}: {
  row: Omit<CobuildCommunityRow, 'communityId' | 'communityName'>;
  name: string;
  year: number;
  communityId?: string;
}) {
  const { needs, resources, projects, meetingsHeld: m, chairMonths } = row;
  const missed = m.slice(0, endedQuarters(year)).some((q) => q === 0);
  return (
    <View className="cobuild__table-row">
      <Text className="cobuild__heading">{name}</Text>
      <Text className="cobuild__line">
        需求 {sum(needs)} 项：待对接 {needs.open}，已对接 {needs.matched}，已完成 {needs.done}
      </Text>
      <Text className="cobuild__line">
        资源 {sum(resources)} 项：可提供 {resources.offered}，已承接 {resources.committed}，已用完 {resources.usedUp}
      </Text>
      <Text className="cobuild__line">
        项目：计划 {projects.planned}，进行中 {projects.active}，已完成 {projects.done}，终止 {projects.dropped}
      </Text>
      <Text className="cobuild__line">协议已签署 {row.agreementsSigned} 份</Text>
      <Text className={missed ? 'cobuild__line cobuild__warn' : 'cobuild__line'}>
        联席会议：{m.map((q, i) => `${QUARTERS[i]}季度 ${q} 次`).join('，')}
        {missed ? '（有季度未开）' : ''}
      </Text>
      <Text className="cobuild__line">
        轮值主席：已排 {chairMonths.set} 个月，定主题 {chairMonths.themed}，办活动 {chairMonths.activities}
      </Text>
      {communityId ? (
        <View className="cobuild__actions">
          {COMMUNITY_LISTS.map((l) => (
            <Button
              key={l.key}
              className={`cobuild__open cobuild__open--${l.key}`}
              size="small"
              onClick={go(`${l.url}?communityId=${encodeURIComponent(communityId)}${l.ofYear ? `&year=${year}` : ''}`)}
            >
              {l.title}
            </Button>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** 结对共建总览 (county admin): the county's sums, then every community. */
const Overview = observer(() => {
  const { overview } = store;
  const years = (
    <Segmented
      options={store.years.map((y) => ({ key: String(y), label: `${y} 年` }))}
      value={String(store.year)}
      onChange={(y) => store.showYear(Number(y))}
    />
  );
  if (overview.error)
    return (
      <>
        {years}
        <ErrorNotice error={overview.error} onRetry={overview.load} />
      </>
    );
  const o = overview.value;
  if (!o || o.year !== store.year)
    return (
      <>
        {years}
        <Loading />
      </>
    );
  return (
    <>
      {years}
      <Text className="cobuild__intro">
        {o.year}{' '}
        年各社区结对共建情况，是季度督导通报的依据。已过去的季度没开联席会议的，注明“有季度未开”。点社区下方的清单，查看该社区当年的需求、资源、项目和协议。
      </Text>
      <View className="cobuild__table">
        <OverviewRow row={o.county} name="全县合计" year={o.year} />
      </View>
      <View className="cobuild__table">
        {o.communities.map((row) => (
          <View key={row.communityId} id={`overview-${row.communityId}`}>
            <OverviewRow row={row} name={row.communityName} year={o.year} communityId={row.communityId} />
          </View>
        ))}
      </View>
    </>
  );
});

/**
 * 结对共建: for the secretary and the unit admin the year's 三清单一协议 with their counts and the
 * 轮值主席 / 联席会议 tiles; for the county admin the overview of every community.
 */
const CobuildHub = observer(() => {
  const county = cobuildSide.countyAdmin && !cobuildSide.secretary && !cobuildSide.unitAdmin;
  usePageTitle(county ? '结对共建总览' : null);
  const ready = session.me !== null;
  const load = () => void (county ? store.overview.load() : store.counts.load());
  // Once the caller's roles are known, and again on coming back (a need added, an agreement signed).
  const shownOnce = useRef(false);
  useEffect(() => {
    if (ready) load();
  }, [ready, county]); // eslint-disable-line react-hooks/exhaustive-deps -- reads again for another role only
  useDidShow(() => {
    if (shownOnce.current && ready) load();
    shownOnce.current = true;
  });
  if (!session.me) return <Screen>{session.error ? <ErrorNotice error={session.error} /> : <Loading />}</Screen>;
  return (
    <Screen>
      <View className="cobuild">
        {county ? null : (
          <Text className="cobuild__intro">
            {thisYear()} 年 · 三清单一协议：社区列需求，单位报资源，双方定项目、签协议。
          </Text>
        )}
        {county ? <Overview /> : <Lists />}
      </View>
    </Screen>
  );
});

export default CobuildHub;
