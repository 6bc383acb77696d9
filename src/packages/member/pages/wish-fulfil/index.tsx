import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, TextArea } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { Screen } from '../../../../components/Screen';
import { PhotoPicker } from '../../../../components/wish/PhotoPicker';
import { FULFIL_NOTE_MAX, FULFIL_PHOTOS_MAX, wishFulfil } from '../../../../stores/member/wishFulfil';
import './index.scss';

async function submit(): Promise<void> {
  const view = await wishFulfil.submit();
  if (!view) return;
  void Taro.showToast({ title: '已提交，等待居民确认', icon: 'success' });
  // Back to the wish, which now shows 待确认 and the evidence.
  setTimeout(() => void Taro.navigateBack(), 600);
}

/** 完成心愿 (wish.fulfil, the claimer): 1–9 photos as evidence and a note, then the resident confirms. */
const WishFulfil = observer(() => {
  useLoad((params: Record<string, string | undefined>) => wishFulfil.start(decodeURIComponent(params.id ?? '')));
  const form = wishFulfil;
  const length = [...form.note.trim()].length;
  return (
    <Screen>
      <View className="wish-fulfil">
        <Text className="wish-fulfil__intro">
          心愿完成后，请上传现场照片并简单说明完成情况。居民确认后，记入您的“六个一”。
        </Text>
        <Field label={`照片凭证（1–${FULFIL_PHOTOS_MAX} 张）`} name="photos" error={form.errors.photos}>
          <PhotoPicker set={form.photos} name="fulfil" />
        </Field>
        <Field label="完成情况" name="note" error={form.errors.note}>
          <TextArea
            className="wish-fulfil__note"
            value={form.note}
            placeholder="例如：已上门更换水龙头，老人试用正常"
            maxLength={FULFIL_NOTE_MAX}
            autoSize
            onChange={form.setNote}
          />
          <Text className="wish-fulfil__counter">
            已写 {length}/{FULFIL_NOTE_MAX} 字
          </Text>
        </Field>
        {form.error ? <ErrorNotice error={form.error} /> : null}
        <View className="wish-fulfil__actions">
          <Button
            className="wish-fulfil__submit"
            type="primary"
            size="large"
            block
            loading={form.saving}
            onClick={() => void submit()}
          >
            提交完成凭证
          </Button>
        </View>
      </View>
    </Screen>
  );
});

export default WishFulfil;
