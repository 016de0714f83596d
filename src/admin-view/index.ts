import type { Core } from '@strapi/strapi';
import { applyViews } from './apply';
import type { ModelView } from './types';
import { chapterView, participationView, storySourceView, storySyndicationView, venueView } from './views/components';
import { eventView } from './views/event';
import { guideView } from './views/guide';
import { organisationView } from './views/organisation';
import { participantView } from './views/participant';
import { storyView } from './views/story';
import { topicView } from './views/topic';

/** The Content Manager's view of every type and component of the app (labels and help in English). */
export const ADMIN_VIEWS: { contentTypes: ModelView[]; components: ModelView[] } = {
  contentTypes: [storyView, eventView, participantView, organisationView, guideView, topicView],
  components: [participationView, chapterView, venueView, storySourceView, storySyndicationView],
};

/**
 * Sets our labels, help lines and layouts where the Content Manager still shows Strapi's
 * defaults or what we set before; an administrator's own changes in *Configure the view* stay.
 */
export const applyAdminView = async (strapi: Core.Strapi): Promise<void> => {
  const report = await applyViews(strapi, ADMIN_VIEWS);
  if (report.changed > 0) strapi.log.info(`Content Manager view: ${report.changed} labels, help lines and layouts set.`);
  if (report.keptByAdministrator.length > 0) {
    strapi.log.debug(`Content Manager view: kept as an administrator set them: ${report.keptByAdministrator.join(', ')}`);
  }
};
