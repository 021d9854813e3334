// Objects the host reports events to (stdin, stdout's drain, sockets,
// servers), by number. The host calls dispatch('io', id, type, payload) and
// the registered object's _onHost(type, payload) handles it.
'use strict';

const handles = new Map();
let nextId = 1;

function register(obj) {
  const id = nextId++;
  handles.set(id, obj);
  return id;
}

function unregister(id) {
  handles.delete(id);
}

function deliver(id, type, payload) {
  const obj = handles.get(id);
  if (obj) obj._onHost(type, payload);
}

module.exports = { register, unregister, deliver };
