// The bpmn-js modeler, vendored as its prebuilt bundle (scripts/vendor-bpmn-js) and loaded as a
// plain script the first time the workflow tab needs it: it defines the global BpmnJS. The Web
// Bundler never sees it, so the console's own bundle stays small for the other tabs.

export const BPMN_JS = 'vendor/bpmn-js/18.31.1/';

let loading;

/** Resolves to the BpmnJS modeler class; the stylesheets and the script are added once. */
export function loadBpmnJs() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      for (const css of ['assets/diagram-js.css', 'assets/bpmn-js.css', 'assets/bpmn-font/css/bpmn.css']) {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = new URL(BPMN_JS + css, document.baseURI).href;
        document.head.append(link);
      }
      const script = document.createElement('script');
      script.src = new URL(BPMN_JS + 'bpmn-modeler.production.min.js', document.baseURI).href;
      script.onload = () => (window.BpmnJS ? resolve(window.BpmnJS) : reject(new Error('bpmn-js did not load')));
      script.onerror = () => {
        loading = null;
        reject(new Error('bpmn-js could not be fetched'));
      };
      document.head.append(script);
    });
  }
  return loading;
}

/** A new process: a start event, with the history time to live the engine requires. */
export function blankDiagram(key) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_${key}" targetNamespace="http://switchboard.io/bpmn">
  <bpmn:process id="${key}" name="${key}" isExecutable="true" camunda:historyTimeToLive="P180D">
    <bpmn:startEvent id="start" name="Start" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${key}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start">
        <dc:Bounds x="152" y="102" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
