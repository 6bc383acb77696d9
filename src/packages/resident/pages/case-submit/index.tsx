import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { URGENCIES, URGENCY_LABELS, type Urgency } from '../../../../../contract/caseLabels';
import { CASE_CATEGORY_CHIPS, categoryOfChip, chipOfCategory } from '../../../../components/case/labels';
import { caseUrl } from '../../../../components/case/routes';
import { CaseStatusTag } from '../../../../components/case/StatusTag';
import { CommunityPicker } from '../../../../components/CommunityPicker';
import { DraftNote } from '../../../../components/DraftNote';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { OptionPicker } from '../../../../components/OptionPicker';
import { PrivacyGate } from '../../../../components/PrivacyGate';
import { PrivacyPopup } from '../../../../components/PrivacyPopup';
import { Screen } from '../../../../components/Screen';
import { Chips } from '../../../../components/wish/Chips';
import { PhotoPicker } from '../../../../components/wish/PhotoPicker';
import { ROUTES } from '../../../../routes';
import {
  CASE_DESCRIPTION_MAX,
  CASE_DESCRIPTION_MIN,
  CASE_PHOTOS_MAX,
  caseSubmit as form,
  type LocationKind,
} from '../../../../stores/resident/caseSubmit';
import { session } from '../../../../stores/session';
import { subscriptions } from '../../../../stores/subscriptions';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** h5 has no map: the registered address or a building of the directory. */
const PLACE_CHIPS: Array<{ key: LocationKind; label: string }> = [
  { key: 'address', label: '我的登记地址' },
  { key: 'building', label: '选择小区楼栋' },
  ...(isWeapp ? [{ key: 'point' as const, label: '地图选点' }] : []),
];

const URGENCY_CHIPS = URGENCIES.map((u) => ({ key: u, label: URGENCY_LABELS[u] }));

/** 提交: a valid report first asks for the progress messages (inside the tap, as WeChat requires). */
function submit(): void {
  if (!form.validate()) return;
  void subscriptions.ask('caseSubmit').then(async () => {
    if (await form.submit()) void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
  });
}

/** Where it happened: the chosen kind, then what that kind needs. */
const Place = observer(() => {
  const community = form.community;
  const noCommunity = form.communityId ? undefined : '请先选择社区';
  return (
    <>
      <Field label="问题地点" name="location" error={form.errors.location}>
        <Chips
          name="place"
          chips={PLACE_CHIPS}
          value={form.locationKind}
          onPick={(key) => form.setLocationKind(key as LocationKind)}
        />
        {form.locationKind === 'address' ? (
          form.hasAddress ? (
            <Text className="case-submit__place">{form.addressText || '您登记的住址'}</Text>
          ) : (
            <View className="case-submit__no-address">
              <Text>您还没有登记住址。</Text>
              <Text className="case-submit__profile" onClick={() => void Taro.navigateTo({ url: ROUTES.profile })}>
                去登记住址 ›
              </Text>
            </View>
          )
        ) : null}
        {form.locationKind === 'point' && form.point ? (
          <View className="case-submit__point">
            <Text className="case-submit__place">{form.point.label || '地图上选的位置'}</Text>
            <Text className="case-submit__repick" onClick={() => void form.choosePoint()}>
              重新选点
            </Text>
          </View>
        ) : null}
      </Field>
      {form.locationKind === 'building' ? (
        <>
          <Field label="社区" name="community" error={form.errors.community}>
            <CommunityPicker
              name="case-community"
              placeholder="请选择问题所在的社区"
              value={form.communityId}
              invalid={Boolean(form.errors.community)}
              onChange={form.chooseCommunity}
            />
          </Field>
          {community?.error ? <ErrorNotice error={community.error} onRetry={community.load} /> : null}
          <Field
            label="小区 / 楼栋"
            name="building"
            error={form.errors.building}
            hint="诉求由该楼栋所在网格的网格员办理"
          >
            <OptionPicker
              name="case-building"
              placeholder="请选择小区或楼栋"
              options={form.buildings.map((b) => ({ id: b.id, label: b.name, hint: b.gridName }))}
              value={form.microGridId}
              loading={community?.loading && !community.value}
              disabledHint={noCommunity}
              invalid={Boolean(form.errors.building)}
              onChange={form.chooseBuilding}
            />
          </Field>
        </>
      ) : null}
    </>
  );
});

/** 匿名: hides the resident from the public views (handlers still see who it is, to reply). */
const Anonymous = observer(() => (
  <Field label="匿名反映" name="anonymous" hint="开启后公开信息中不显示您的身份；网格员等办理人员仍能看到，以便联系您">
    <View
      className={`case-submit__switch${form.anonymous ? ' case-submit__switch--on' : ''}`}
      onClick={() => form.setAnonymous(!form.anonymous)}
    >
      <View className="case-submit__knob" />
      <Text className="case-submit__switch-text">{form.anonymous ? '已开启匿名' : '不匿名'}</Text>
    </View>
  </Field>
));

const Form = observer(() => {
  // The registered address as the place once the session has it (and again after 去登记住址).
  const communityId = session.me?.address?.communityId;
  useEffect(() => {
    form.useDefaultPlace();
    form.readAddressNames();
  }, [communityId]);
  return (
    <View className="case-submit">
      {form.restored ? <DraftNote name="case" onClear={form.discardDraft} /> : null}
      <Field label="问题类别" name="category" error={form.errors.category}>
        <Chips
          name="case-category"
          chips={CASE_CATEGORY_CHIPS}
          value={chipOfCategory(form.category)}
          onPick={(key) => form.setCategory(categoryOfChip(key) ?? '')}
        />
      </Field>
      <Field label="问题描述" name="description" error={form.errors.description}>
        <TextArea
          className="case-submit__description"
          value={form.description}
          placeholder="请说清楚什么问题、在哪里、持续多久，例如：3栋楼下的路灯坏了一个星期，晚上很黑"
          maxLength={CASE_DESCRIPTION_MAX}
          autoSize
          onChange={form.setDescription}
        />
        <Text
          className={`case-submit__counter${form.length < CASE_DESCRIPTION_MIN ? ' case-submit__counter--short' : ''}`}
        >
          已写 {form.length}/{CASE_DESCRIPTION_MAX} 字（至少 {CASE_DESCRIPTION_MIN} 个字）
        </Text>
      </Field>
      <Field label={`现场照片（最多 ${CASE_PHOTOS_MAX} 张）`} name="photos" optional error={form.errors.photos}>
        <PhotoPicker set={form.photos} name="case-submit" />
      </Field>
      <Place />
      <Field label="紧急程度" name="urgency" hint="紧急：影响安全或生活、需要马上处理的问题，2 小时内响应">
        <Chips
          name="urgency"
          chips={URGENCY_CHIPS}
          value={form.urgency}
          onPick={(key) => form.setUrgency(key as Urgency)}
        />
      </Field>
      <Anonymous />
      {form.error ? <ErrorNotice error={form.error} /> : null}
      <View className="case-submit__actions">
        <Button
          className="case-submit__submit"
          type="primary"
          size="large"
          block
          loading={form.saving}
          onClick={submit}
        >
          提交
        </Button>
      </View>
    </View>
  );
});

/** After submitting: where the case went, what happens next, and the way to it. */
const Submitted = observer(() => {
  const item = form.submitted;
  if (!item) return null;
  // Who handles it, as the complainant reads it (view.progress): 潋江社区第1网格的网格员, or the community.
  const to = item.progress?.handler ?? (item.grid ? `${item.grid.name}的网格员` : item.community.name);
  return (
    <View className="case-submit__done">
      <Text className="case-submit__done-mark">✓</Text>
      <Text className="case-submit__done-title">已提交，由{to}办理</Text>
      <Text className="case-submit__done-text">
        {item.urgency === 'urgent' ? '紧急诉求 2 小时内响应' : '24 小时内响应'}
        ，办理进展会通过消息通知您，也可以在“诉求”页查看。
      </Text>
      <View className="case-submit__done-case">
        <View className="case-submit__done-head">
          <Text className="case-submit__done-category">{item.category}</Text>
          <CaseStatusTag status={item.status} plain />
        </View>
        <Text className="case-submit__done-description">{item.description}</Text>
      </View>
      <Button
        className="case-submit__view"
        type="primary"
        size="large"
        block
        onClick={() => void Taro.redirectTo({ url: caseUrl(item.id) })}
      >
        查看办理进度
      </Button>
      <Button className="case-submit__back" size="large" block onClick={() => void Taro.navigateBack()}>
        返回
      </Button>
    </View>
  );
});

/** 我要反映: the form once the privacy guide is accepted; where the case went after. */
const CaseSubmitPage = observer(() => {
  useLoad(() => form.start());
  const { me, error } = session;
  let body;
  if (!me) body = error ? <ErrorNotice error={error} onRetry={session.load} /> : <Loading />;
  else if (form.submitted) body = <Submitted />;
  else
    body = (
      <PrivacyGate>
        <Form />
      </PrivacyGate>
    );
  return (
    <Screen>
      {body}
      <PrivacyPopup />
    </Screen>
  );
});

export default CaseSubmitPage;
