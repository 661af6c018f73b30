// The impact domain's closed vocabularies, read by its schema, contracts and pages. No imports.

/** What a member would do on a day they come to a place: drive (or ride…) to their usual workplace, stay home, something else. */
export const alternativeKinds = ['commute', 'home', 'other'] as const;
export type AlternativeKind = (typeof alternativeKinds)[number];

/** A funder's link to a place: asked by the place's team, accepted by the territory organization. */
export const funderStatuses = ['pending', 'accepted'] as const;
export type FunderStatus = (typeof funderStatuses)[number];

/** SCDL "Subventions": `nature` of the aid. */
export const subsidyNatures = ['aide en numéraire', 'aide en nature'] as const;
export type SubsidyNature = (typeof subsidyNatures)[number];

/** The yearly cost lines of a place. */
export const costLines = ['rent', 'animator', 'energy', 'other'] as const;
export type CostLine = (typeof costLines)[number];
