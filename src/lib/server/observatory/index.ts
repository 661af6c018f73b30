// The observatory domain: where the seats are, who is out of reach, and where the next places would avoid
// the most commuting (the siting solver).
export { solveOrlib, type OrlibAnswer } from './orlib.ts';
