import { render } from 'preact';
import { App } from '@/components/App';

render(<App surface="popup" />, document.getElementById('app')!);
