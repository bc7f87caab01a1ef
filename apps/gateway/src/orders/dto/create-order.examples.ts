/**
 * Request examples of `POST /v1/orders`, one per kind of service: each is a complete, valid
 * body (only the fields its type takes), so "Try it out" in Swagger UI places an order as
 * written once `serviceId` names a service of that type (service 1 is a Default one in the demo).
 */
export const CREATE_ORDER_EXAMPLES = {
  default: {
    summary: 'Default: a link and a quantity',
    value: { serviceId: 1, link: 'https://instagram.com/example', quantity: 1000 },
  },
  dripFeed: {
    summary: 'Default with drip-feed: 10 runs of 100, every 60 minutes',
    value: {
      serviceId: 1,
      link: 'https://instagram.com/example',
      quantity: 100,
      runs: 10,
      interval: 60,
    },
  },
  maxCharge: {
    summary: 'Default, refused (422 max_charge_exceeded) if it would cost more than 5.00',
    value: { serviceId: 1, link: 'https://instagram.com/example', quantity: 1000, maxCharge: '5' },
  },
  package: {
    summary: 'Package: a link only (the package decides the amount)',
    value: { serviceId: 2, link: 'https://instagram.com/example' },
  },
  customComments: {
    summary: 'Custom Comments: one comment per line (the quantity is the number of lines)',
    value: {
      serviceId: 3,
      link: 'https://instagram.com/p/example',
      comments: 'Great shot!\nLove it\nWow',
    },
  },
  mentionsWithHashtags: {
    summary: 'Mentions with Hashtags: usernames and hashtags, one per line',
    value: {
      serviceId: 4,
      link: 'https://instagram.com/p/example',
      quantity: 1000,
      usernames: 'alice\nbob',
      hashtags: '#sun\n#sea',
    },
  },
  poll: {
    summary: 'Poll: the answer to vote for',
    value: { serviceId: 5, link: 'https://t.me/example/12', quantity: 500, answerNumber: 2 },
  },
  subscriptions: {
    summary: 'Subscriptions: future posts of a username, 100–200 each, 5 minutes after posting',
    value: { serviceId: 6, username: 'example', min: 100, max: 200, delay: 5, posts: 10 },
  },
} as const;
