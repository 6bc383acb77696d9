import { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { PublicProjectView } from '../../../../../contract';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { Screen } from '../../../../components/Screen';
import { PhotoGrid } from '../../../../components/wish/PhotoGrid';
import { Stars } from '../../../../components/wish/Stars';
import { publicProject as store } from '../../../../stores/cobuild/publicProjects';
import { formatDay } from '../../../../utils/date';
import '../../lib/cobuild.scss';

/** 评价: once, 1–5 stars and an optional comment. */
const Rate = observer(() => (
  <View className="cobuild__card cobuild-rate">
    <Text className="cobuild__heading">您觉得这个项目办得怎么样？</Text>
    <Stars value={store.stars} onChange={store.setStars} />
    <Field name="comment" label="想说的话" optional>
      <TextArea
        className="cobuild__textarea cobuild-rate__comment"
        value={store.comment}
        maxLength={500}
        placeholder="例如：小巷干净多了，谢谢"
        onChange={store.setComment}
      />
    </Field>
    {store.error ? <Text className="cobuild__warn">{store.error}</Text> : null}
    {store.rating.error ? <ErrorNotice error={store.rating.error} /> : null}
    <Button
      className="cobuild-rate__send"
      type="primary"
      size="large"
      block
      loading={store.rating.busy}
      onClick={() => void store.rate()}
    >
      提交评价
    </Button>
  </View>
));

function Body({ p }: { p: PublicProjectView }) {
  return (
    <View className="cobuild">
      {store.notice ? <Text className="cobuild__notice">{store.notice}</Text> : null}
      <View className="cobuild__card">
        <View className="cobuild__head">
          <Text className={`cobuild__status cobuild__status--${p.status}`}>
            {p.status === 'done' ? '已完成' : '进行中'}
          </Text>
          <Text className="cobuild__muted">{p.year} 年</Text>
        </View>
        <Text className="cobuild__title">{p.title}</Text>
        <Text className="cobuild__line">共建单位：{p.units.map((u) => u.name).join('、')}</Text>
        <Text className="cobuild__heading">项目目标</Text>
        <Text className="cobuild__text">{p.goal}</Text>
        {p.result ? (
          <>
            <Text className="cobuild__heading">共建成效（{formatDay(p.result.at)}完成）</Text>
            <Text className="cobuild__text cobuild__result">{p.result.note}</Text>
          </>
        ) : null}
        {p.photos.length > 0 ? <PhotoGrid photos={p.photos} name="public" /> : null}
      </View>
      {p.status === 'done' ? (
        <View className="cobuild__card cobuild__ratings">
          <Text className="cobuild__line">
            {p.rating.count > 0
              ? `居民评价 ${p.rating.average?.toFixed(1)} 星（${p.rating.count} 人）`
              : '还没有居民评价'}
          </Text>
          {p.myRating ? (
            <>
              <Text className="cobuild__line cobuild__mine">您的评价：</Text>
              <Stars value={p.myRating} />
            </>
          ) : null}
        </View>
      ) : null}
      {p.can.includes('rate') ? <Rate /> : null}
    </View>
  );
}

/** One 共建项目 as a resident sees it; 评价 once it is done. */
const PublicProject = observer(() => {
  useLoad((params: Record<string, string | undefined>) => store.open(params.id ?? ''));
  const { project } = store;
  const p = project.value;
  return (
    <Screen>
      {p ? <Body p={p} /> : project.error ? <ErrorNotice error={project.error} onRetry={project.load} /> : <Loading />}
    </Screen>
  );
});

export default PublicProject;
