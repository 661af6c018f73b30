// Every domain's tables, gathered for drizzle-kit and the query builder.
import * as accounts from '../accounts/schema.ts';
import * as booking from '../booking/schema.ts';
import * as community from '../community/schema.ts';
import * as events from '../events/schema.ts';
import * as impact from '../impact/schema.ts';
import * as mail from '../mail/schema.ts';
import * as observatory from '../observatory/schema.ts';
import * as places from '../places/schema.ts';
import * as surveys from '../surveys/schema.ts';
import * as territory from '../territory/schema.ts';

export const schema = { ...territory, ...places, ...accounts, ...mail, ...booking, ...observatory, ...surveys, ...community, ...events, ...impact };
