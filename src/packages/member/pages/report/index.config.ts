export default definePageConfig({ navigationBarTitleText: '党员双报到' });
