import { useStores } from '../../state/stores-context';

/** Over an open conversation when there is no key: history stays readable, the start screen is a click away. */
export function NoKeyBanner() {
  const stores = useStores();
  return (
    <div className="banner">
      <p>There is no usable OpenRouter key, so new messages cannot be sent.</p>
      <button type="button" onClick={() => stores.navigation.newChat()}>
        Show how to add a key
      </button>
    </div>
  );
}
