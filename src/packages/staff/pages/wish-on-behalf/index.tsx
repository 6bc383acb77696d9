import Taro, { useLoad } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Loading } from '../../../../components/Loading';
import { OptionPicker } from '../../../../components/OptionPicker';
import { PrivacyGate } from '../../../../components/PrivacyGate';
import { PrivacyPopup } from '../../../../components/PrivacyPopup';
import { Screen } from '../../../../components/Screen';
import { session } from '../../../../stores/session';
import { DOOR_MAX, wishOnBehalf } from '../../../../stores/staff/wishOnBehalf';
import { WishContentFields, WishFormSubmit, WishSubmitted } from '../../../../components/wish/WishForm';
import './index.scss';

async function submit(): Promise<void> {
  if (await wishOnBehalf.submit()) void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
}

/** The resident the wish is for: name, phone if they have one, building of the worker's grids, door. */
const Resident = observer(() => {
  const form = wishOnBehalf;
  // The buildings come from the worker's grants, known once the session has arrived.
  useEffect(() => form.loadBuildings(), [form]);
  const error = form.buildingsError;
  return (
    <>
      <Field label="受助居民姓名" name="name" error={form.errors.name}>
        <Input
          className="field__input wish-on-behalf__name"
          placeholder="居民的真实姓名"
          maxlength={20}
          value={form.name}
          onInput={(e) => form.setName(e.detail.value)}
        />
      </Field>
      <Field
        label="居民手机号"
        name="phone"
        optional
        error={form.errors.phone}
        hint="居民没有手机可不填，认领的党员会联系您"
      >
        <Input
          className="field__input wish-on-behalf__phone"
          type="number"
          placeholder="11 位手机号"
          maxlength={11}
          value={form.phone}
          onInput={(e) => form.setPhone(e.detail.value)}
        />
      </Field>
      {error ? <ErrorNotice error={error} onRetry={form.loadBuildings} /> : null}
      <Field label="小区 / 楼栋" name="building" error={form.errors.building} hint="只能选择您负责网格内的楼栋">
        <OptionPicker
          name="building"
          placeholder="请选择居民所在的小区或楼栋"
          options={form.buildings.map((b) => ({ id: b.id, label: b.name, hint: b.gridName }))}
          value={form.microGridId}
          loading={form.buildingsLoading}
          invalid={Boolean(form.errors.building)}
          onChange={form.chooseBuilding}
        />
      </Field>
      <Field label="单元、门牌号" name="door" error={form.errors.door}>
        <Input
          className="field__input wish-on-behalf__door"
          placeholder="例如：3单元201室"
          maxlength={DOOR_MAX}
          value={form.door}
          onInput={(e) => form.setDoor(e.detail.value)}
        />
      </Field>
    </>
  );
});

const Form = observer(() => {
  const form = wishOnBehalf;
  return (
    <View className="wish-on-behalf">
      <Text className="wish-on-behalf__intro">
        为没有手机的居民（如独居老人）代为提交心愿。心愿由您提交、以居民为受助人，审核、认领和完成的进展会通知您。
      </Text>
      <Resident />
      <WishContentFields
        form={form.content}
        prefix="wish-on-behalf"
        placeholder="请写清楚居民需要什么帮助，例如：独居老人家里的米吃完了，想请人送一袋大米"
      />
      <WishFormSubmit
        prefix="wish-on-behalf"
        error={form.error}
        saving={form.saving}
        label="代居民提交"
        onSubmit={() => void submit()}
      />
    </View>
  );
});

/** After submitting: what happens next, the way to the wish, or another one. */
const Submitted = observer(() => {
  const wish = wishOnBehalf.submitted;
  if (!wish) return null;
  return (
    <WishSubmitted
      wish={wish}
      prefix="wish-on-behalf"
      title="已代居民提交，等待审核"
      text={`受助人：${wish.beneficiary.name}${wish.beneficiary.address ? `（${wish.beneficiary.address}）` : ''}`}
    >
      <Button className="wish-form__second wish-on-behalf__again" size="large" block onClick={wishOnBehalf.start}>
        再提交一个
      </Button>
    </WishSubmitted>
  );
});

/**
 * 代居民提交心愿 (grid worker): a wish for a resident without a phone, in one of the worker's
 * own buildings. Reached from the staff home and from 心愿审核.
 */
const WishOnBehalfPage = observer(() => {
  useLoad(wishOnBehalf.start);
  const { me, error } = session;
  let body;
  if (!me) body = error ? <ErrorNotice error={error} onRetry={session.load} /> : <Loading />;
  else if (!wishOnBehalf.isGridWorker)
    body = <EmptyState title="只有网格员可以代居民提交心愿" description="居民可以在“微心愿”中自己许愿" />;
  else if (wishOnBehalf.submitted) body = <Submitted />;
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

export default WishOnBehalfPage;
