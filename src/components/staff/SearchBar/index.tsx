import { View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import './index.scss';

/**
 * The staff pages' search box with its 搜索 button (people in 角色授权, 操作记录, 1+1带N and the
 * directory; cases in 诉求办理): what is typed is searched on 搜索 or the keyboard's search key.
 * Controlled by its store, and always given a string (the h5 Input throws on `undefined`).
 */
export function SearchBar({
  value,
  placeholder,
  maxLength,
  onChange,
  onSearch,
}: {
  value: string;
  placeholder: string;
  maxLength: number;
  onChange: (value: string) => void;
  onSearch: () => void;
}) {
  return (
    <View className="search-bar">
      <Input
        className="search-bar__input"
        value={value}
        placeholder={placeholder}
        maxLength={maxLength}
        confirmType="search"
        onChange={onChange}
        onConfirm={onSearch}
      />
      <Button className="search-bar__go" type="primary" onClick={onSearch}>
        搜索
      </Button>
    </View>
  );
}
