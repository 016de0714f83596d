/** Content-type uids of the application, in one place so that nothing spells them twice. */
export const STORY = 'api::story.story';
export const EVENT = 'api::event.event';
export const PARTICIPANT = 'api::participant.participant';
export const ORGANISATION = 'api::organisation.organisation';
export const GUIDE = 'api::guide.guide';
export const TOPIC = 'api::topic.topic';

/** Types the Public role may read (find and findOne). */
export const PUBLIC_READ_TYPES = [STORY, EVENT, GUIDE, ORGANISATION, TOPIC, PARTICIPANT] as const;

export type AppContentTypeUid = (typeof PUBLIC_READ_TYPES)[number];
