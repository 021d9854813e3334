// The host's system-call function (guest code). The bootstrap puts the real
// one in the module cache before anything requires this file, so this body
// only runs if that order is ever broken.
'use strict';

throw new Error('internal error: internal/binding required before the bootstrap installed it');
