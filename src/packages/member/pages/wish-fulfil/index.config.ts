export default definePageConfig({ navigationBarTitleText: '完成心愿' });
