import type { Schema, Struct } from '@strapi/strapi';

export interface EventParticipation extends Struct.ComponentSchema {
  collectionName: 'components_event_participations';
  info: {
    description: 'A participant taking part in an event, with a role';
    displayName: 'Participation';
    icon: 'user';
  };
  attributes: {
    participant: Schema.Attribute.Relation<'oneToOne', 'api::participant.participant'>;
    role: Schema.Attribute.Enumeration<['organiser', 'trainer', 'speaker', 'participant']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'participant'>;
  };
}

export interface GuideChapter extends Struct.ComponentSchema {
  collectionName: 'components_guide_chapters';
  info: {
    description: 'A chapter of a guide';
    displayName: 'Chapter';
    icon: 'bulletList';
  };
  attributes: {
    number: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          min: 1;
        },
        number
      >;
    summary: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2000;
      }>;
    title: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
  };
}

export interface SharedVenue extends Struct.ComponentSchema {
  collectionName: 'components_shared_venues';
  info: {
    description: 'Where an event takes place';
    displayName: 'Venue';
    icon: 'pinMap';
  };
  attributes: {
    city: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    country: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.CustomField<'plugin::editor-fields.country'> &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2;
        minLength: 2;
      }>;
    name: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    postalCode: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 20;
      }>;
    street: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

export interface StorySource extends Struct.ComponentSchema {
  collectionName: 'components_story_sources';
  info: {
    description: 'Where a story received from a partner federation came from';
    displayName: 'Source';
    icon: 'link';
  };
  attributes: {
    externalId: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 255;
      }>;
    name: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    organisation: Schema.Attribute.Relation<'oneToOne', 'api::organisation.organisation'>;
    receivedAt: Schema.Attribute.DateTime;
    url: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2048;
      }>;
  };
}

export interface StorySyndication extends Struct.ComponentSchema {
  collectionName: 'components_story_syndications';
  info: {
    description: 'Whether partners may republish the story, and from when';
    displayName: 'Syndication settings';
    icon: 'earth';
  };
  attributes: {
    allowed: Schema.Attribute.Boolean & Schema.Attribute.Required & Schema.Attribute.DefaultTo<true>;
    embargoUntil: Schema.Attribute.DateTime;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'event.participation': EventParticipation;
      'guide.chapter': GuideChapter;
      'shared.venue': SharedVenue;
      'story.source': StorySource;
      'story.syndication': StorySyndication;
    }
  }
}
