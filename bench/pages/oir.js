import '@open-iframe-resizer/core';
import { tell } from './common.js';

tell({ kind: 'loaded' });
