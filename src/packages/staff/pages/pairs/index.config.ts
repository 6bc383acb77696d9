export default definePageConfig({ navigationBarTitleText: '1+1带N联系户' });
