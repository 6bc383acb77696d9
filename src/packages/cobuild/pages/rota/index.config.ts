export default definePageConfig({ navigationBarTitleText: '轮值主席' });
