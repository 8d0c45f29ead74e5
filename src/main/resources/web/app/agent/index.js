// Agent desktop entry point: the <desk-app> element and the desktop's stylesheet.
import './agent.css';
import './components/desk-app.js';
