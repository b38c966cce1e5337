/** Resolution texts trim like every free-text field (src/common/http/text.ts). */
export { TrimText as TrimString } from '../../common/http/text.js';
