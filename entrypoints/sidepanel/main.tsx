import { render } from 'preact';
import { App } from '@/components/App';

render(<App surface="sidepanel" />, document.getElementById('app')!);
