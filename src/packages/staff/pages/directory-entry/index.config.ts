export default definePageConfig({ navigationBarTitleText: '目录编辑' });
