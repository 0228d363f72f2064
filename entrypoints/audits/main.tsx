import { render } from 'preact';
import { AuditsApp } from '@/components/audits/AuditsApp';
import '@/components/styles.css';
import '@/components/audits/audits.css';

render(<AuditsApp />, document.getElementById('app')!);
