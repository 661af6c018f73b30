import { inTeamOf, registerRules, type Rule } from '../accounts/index.ts';

// Booking's rules in the one `can`: a verified person books; the team of the place's organization runs
// its bookings; a booking is its booker's and that team's.

declare module '../accounts/access.ts' {
  interface ResourceTypes {
    /** A booking, with its booker and the organization running its place. */
    booking: { userId: string; operatorOrganizationId: string | null };
  }
  interface Actions {
    'booking.create': true;
    'booking.manage': true;
    'booking.read': true;
    'booking.cancel': true;
    'booking.check-in': true;
    'booking.mark-no-show': true;
  }
}

registerRules('instance', { 'booking.create': (actor) => actor.emailVerified });

registerRules('place', { 'booking.manage': (actor, place) => inTeamOf(actor, place.operatorOrganizationId) });

const bookerOrTeam: Rule<'booking'> = (actor, booking) => booking.userId === actor.userId || inTeamOf(actor, booking.operatorOrganizationId);

registerRules('booking', {
  'booking.read': bookerOrTeam,
  'booking.cancel': bookerOrTeam,
  'booking.check-in': bookerOrTeam,
  'booking.mark-no-show': (actor, booking) => inTeamOf(actor, booking.operatorOrganizationId),
});
